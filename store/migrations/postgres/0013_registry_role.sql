-- PostgreSQL version of store/migrations/0013_registry_role.sql: the registry role (the
-- body that licenses centres sets each centre's licence status). PostgreSQL alters the
-- role list's CHECK constraint in place, where SQLite must rebuild the table.
ALTER TABLE accounts DROP CONSTRAINT accounts_role_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check
  CHECK (role IN ('admin', 'surgeon', 'coordinator', 'lab', 'physiotherapist', 'analyst', 'registry'));
