-- Direct identifiers move to encrypted columns (0002, 0003). Plain-text values cannot be encrypted
-- in SQL (the keys live outside the database), and earlier versions stored only the synthetic demo
-- data set: existing patients are removed, and start-up re-seeds them when DEMO_DATA is on (demo
-- ids are deterministic, so other domains' rows keep pointing at the same patients).
DELETE FROM "patients"."patients";
