import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
  schemaFilter: ['devices'],
  migrations: { schema: 'drizzle', table: 'devices_migrations' },
});
