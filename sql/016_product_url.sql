-- 016_product_url.sql - a product's own page on the shop.
--
-- The contract's products file may carry a url column (http:// or
-- https://, at most 500 characters, checked by the importer:
-- modules/data/contract.c).  The trade area links a suggestion to it, else
-- to the trade_product_url pattern, else shows no link.
ALTER TABLE products ADD COLUMN url VARCHAR(500) NULL AFTER active;
