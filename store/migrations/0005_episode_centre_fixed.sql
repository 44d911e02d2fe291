-- An episode belongs to the centre that opened it, for good: who may see it follows
-- from that, and the server keeps each episode's centre in memory to check a read
-- without a query (service/episode_centres.hpp). Moving an episode to another centre is
-- not supported; a feature that needs it changes this trigger and that cache together.
CREATE TRIGGER episodes_centre_fixed BEFORE UPDATE OF centre_id ON episodes
WHEN NEW.centre_id IS NOT OLD.centre_id
BEGIN
  SELECT RAISE(ABORT, 'episode centre_id is fixed: an episode stays in the centre that opened it');
END;
