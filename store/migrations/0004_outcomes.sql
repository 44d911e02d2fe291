-- What the outcome report needs of adverse events: the CTCAE v5.0 grade (1 mild,
-- 2 moderate, 3 severe, 4 life-threatening, 5 death; NULL until a clinician grades it)
-- and the regulatory seriousness flag. They are separate facts: a grade-2 event that
-- needs a night in hospital is serious, a grade-3 one treated at the clinic may not be.
ALTER TABLE adverse_events ADD COLUMN ctcae_grade INTEGER CHECK (ctcae_grade BETWEEN 1 AND 5);
ALTER TABLE adverse_events ADD COLUMN serious INTEGER NOT NULL DEFAULT 0 CHECK (serious IN (0, 1));
-- Events recorded before this migration as severity 'serious' keep that meaning.
UPDATE adverse_events SET serious = 1 WHERE severity = 'serious';
