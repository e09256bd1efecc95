-- The report of each spreadsheet import (ImportReports), as GET /api/imports/{id} answers it.
CREATE TABLE spreadsheet_import (
    import_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    importer    VARCHAR(128) NOT NULL,
    kind        VARCHAR(32)  NOT NULL,
    dry_run     BOOLEAN      NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    report      TEXT         NOT NULL,
    recorded_at TIMESTAMP    NOT NULL
);
