-- The head of each hash chain (kit/chain.h): per chain and sub-district, how
-- many rows are linked and the hash of the last one. Appending updates the
-- head in the appender's transaction, which also serialises appenders.
CREATE TABLE chain_heads (
    name TEXT NOT NULL,
    district_id BIGINT NOT NULL REFERENCES places (id),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (name, district_id)
);
