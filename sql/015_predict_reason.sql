-- 015_predict_reason.sql - a refused fit's reason in every language.
--
-- reason_key names the catalog text (predict.refused.*); reason_params
-- holds its parameters as a JSON object ({"customer": "C0000015"},
-- {"customers": 186, "min": 200}, {"model": "BG/NBD"}), so the settings
-- page and the API word the refusal in the reader's language.  reason
-- stays the English sentence (the log, the command line, older rows).
ALTER TABLE predict_fits ADD COLUMN reason_params TEXT NULL AFTER reason;
