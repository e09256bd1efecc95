-- One row that every append locks (UPDATE ... in the append's transaction) before taking its global_index, so that
-- events commit in the order of their positions. Readers that resume "after position N" (projections, the integrator
-- feed) can then never miss an event that committed late below N (AxonFramework issue 4829).
CREATE TABLE event_append_lock (
    id     INTEGER PRIMARY KEY,
    appends BIGINT  NOT NULL
);
INSERT INTO event_append_lock (id, appends) VALUES (1, 0);
