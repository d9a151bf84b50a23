import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/audit/schema.ts',
  out: './drizzle',
  schemaFilter: ['audit'],
  migrations: { schema: 'drizzle', table: 'audit_migrations' },
});
