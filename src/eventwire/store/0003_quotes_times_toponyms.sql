-- eventwire store, migration 0003_quotes_times_toponyms.
--
-- Never edit this file once released (see schema.sql for the portable SQL rules).
-- Events stored before it keep their dates, now marked as publication dates:
-- the coder that wrote them dated every event with its story.

-- Quoted and reported speech, and who said it.
CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    cue_text TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    speaker_text TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_code TEXT,
    speaker_name TEXT,
    PRIMARY KEY (article_id, start, "end")
);

CREATE INDEX quotes_speaker_code ON quotes (speaker_code);

-- The coded events a quote holds.
CREATE TABLE quote_events (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    quote_start INTEGER NOT NULL,
    quote_end INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (article_id, quote_start, quote_end, event_id)
);

CREATE INDEX quote_events_event_id ON quote_events (event_id);

-- Date and time expressions with their TimeML values.
CREATE TABLE times (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    type TEXT NOT NULL,
    date TEXT,
    dateline INTEGER NOT NULL,
    PRIMARY KEY (article_id, start, "end")
);

-- places now holds every geocoded toponym of an article, not only event places.
ALTER TABLE places ADD COLUMN sentence INTEGER;
ALTER TABLE places ADD COLUMN dateline INTEGER;

ALTER TABLE events ADD COLUMN date_value TEXT;
ALTER TABLE events ADD COLUMN date_source TEXT;
UPDATE events SET date_value = date, date_source = 'publication' WHERE date IS NOT NULL;
CREATE INDEX events_date_value ON events (date_value);
