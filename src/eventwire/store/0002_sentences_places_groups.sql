-- eventwire store, migration 0002_sentences_places_groups.
--
-- Never edit this file once released (see schema.sql for the portable SQL rules;
-- PostgreSQL runs text columns COLLATE "C", see postgres.py).
-- Events stored before this migration get their new columns and groups from
-- their JSON record (backfill.py); their sentences stay unknown.

ALTER TABLE actors ADD COLUMN label TEXT;
ALTER TABLE actors ADD COLUMN antecedent_text TEXT;
ALTER TABLE actors ADD COLUMN antecedent_start INTEGER;
ALTER TABLE actors ADD COLUMN antecedent_end INTEGER;
CREATE INDEX actors_code ON actors (code);

-- The sentences of an article as the parser split it, in original offsets.
CREATE TABLE sentences (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    sentence INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (article_id, sentence)
);

-- Places named in an article that an event happened at (one row per span).
CREATE TABLE places (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    name TEXT NOT NULL,
    country TEXT,
    admin1 TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    geonameid INTEGER,
    feature TEXT,
    PRIMARY KEY (article_id, start, "end")
);

ALTER TABLE events ADD COLUMN group_id TEXT;
ALTER TABLE events ADD COLUMN plover_type TEXT;
ALTER TABLE events ADD COLUMN place_name TEXT;
ALTER TABLE events ADD COLUMN place_country TEXT;
ALTER TABLE events ADD COLUMN place_start INTEGER;
ALTER TABLE events ADD COLUMN place_end INTEGER;
ALTER TABLE events ADD COLUMN sentence_text TEXT;
CREATE INDEX events_group_id ON events (group_id);
CREATE INDEX events_quad_class ON events (quad_class);
CREATE INDEX events_place_name ON events (place_name);

-- Deduplicated events: the mentions (events rows) sharing source, target,
-- code, negation, day and place, with GDELT-style NumMentions (mentions),
-- NumSources (distinct article sources, unknown sources not counted) and
-- NumArticles (articles). Recounted whenever one of its mentions changes.
CREATE TABLE event_groups (
    group_id TEXT PRIMARY KEY,
    source_code TEXT,
    source_country TEXT,
    target_code TEXT,
    target_country TEXT,
    cameo TEXT NOT NULL,
    cameo_root TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    goldstein DOUBLE PRECISION NOT NULL,
    negated INTEGER NOT NULL,
    date TEXT,
    place_name TEXT,
    place_country TEXT,
    mentions INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    first_sentence INTEGER NOT NULL,
    first_event_id TEXT NOT NULL
);

CREATE INDEX event_groups_date ON event_groups (date);
