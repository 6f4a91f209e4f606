-- 001_core: the core's own tables.  (schema_migrations is created by the
-- runner itself.)

-- Jobs: queued by requests, the scheduler or the command line; claimed by
-- `salient worker` processes with SELECT ... FOR UPDATE SKIP LOCKED, so any
-- number of workers on any number of hosts run each job once.
CREATE TABLE IF NOT EXISTS jobs (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind           VARCHAR(64)  NOT NULL,
  args           TEXT         NOT NULL,
  state          ENUM('queued','running','done','failed') NOT NULL DEFAULT 'queued',
  -- a scheduled run's key ("sched:recompute:202611230600"); unique so that
  -- only one worker of many enqueues it
  dedup_key      VARCHAR(190) NULL,
  run_after      DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  attempts       INT UNSIGNED NOT NULL DEFAULT 0,
  max_attempts   INT UNSIGNED NOT NULL DEFAULT 5,
  locked_by      VARCHAR(128) NULL,
  heartbeat_at   DATETIME(3)  NULL,
  progress_done  BIGINT       NOT NULL DEFAULT 0,
  progress_total BIGINT       NOT NULL DEFAULT 0,
  last_error     TEXT         NULL,
  created_at     DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  started_at     DATETIME(3)  NULL,
  finished_at    DATETIME(3)  NULL,
  UNIQUE KEY jobs_dedup (dedup_key),
  KEY jobs_claim (state, run_after),
  KEY jobs_kind (kind, state, finished_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
