-- PostgreSQL version of store/migrations/0005_episode_centre_fixed.sql: the same rule as a
-- trigger function (SQLite's RAISE(ABORT) is its own syntax). An episode belongs to the
-- centre that opened it, for good (service/episode_centres.hpp keeps each episode's
-- centre in memory); a feature that moves episodes changes this trigger and that cache
-- together.
CREATE FUNCTION episodes_centre_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'episode centre_id is fixed: an episode stays in the centre that opened it'
    USING ERRCODE = 'check_violation';
END;
$$;
CREATE TRIGGER episodes_centre_fixed BEFORE UPDATE OF centre_id ON episodes
FOR EACH ROW WHEN (NEW.centre_id IS DISTINCT FROM OLD.centre_id)
EXECUTE FUNCTION episodes_centre_fixed();
