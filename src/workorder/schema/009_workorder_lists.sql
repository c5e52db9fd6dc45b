-- Lists of orders at a city's scale (docs/api-workorders.md, "Lists"): each
-- kind of caller reads plain conditions on the order row, each served by an
-- index one page at a time.
--
-- A staff member sees the orders whose place lies in their scope: the order
-- copies every id a staff scope can be (sub-district, community, zone,
-- compound, grid, building) from its place when it is filed, so the check is
-- "w.<scope column> = scope" on the order itself. Compound and zone join the
-- ids 007 copied.
ALTER TABLE work_orders ADD COLUMN compound_id BIGINT REFERENCES places (id);
ALTER TABLE work_orders ADD COLUMN zone_id BIGINT REFERENCES places (id);
UPDATE work_orders SET
    compound_id = (SELECT p.compound_id FROM places p WHERE p.id = work_orders.place_id),
    zone_id = (SELECT p.zone_id FROM places p WHERE p.id = work_orders.place_id);

-- Newest first: one (scope column, id) index a scope kind; the sub-district's
-- is work_orders_district (007).
CREATE INDEX work_orders_community_id ON work_orders (community_id, id);
CREATE INDEX work_orders_zone_id ON work_orders (zone_id, id);
CREATE INDEX work_orders_compound_id ON work_orders (compound_id, id);
CREATE INDEX work_orders_grid_id ON work_orders (grid_id, id);
CREATE INDEX work_orders_building_id ON work_orders (building_id, id);
-- What a person reported or was given, newest first.
DROP INDEX work_orders_reporter;
CREATE INDEX work_orders_reporter ON work_orders (reporter_user_id, id);
CREATE INDEX work_orders_assignee_id ON work_orders (assignee_user_id, id);

-- The dispatcher queue of open orders, by the earliest running deadline
-- (queue_due), then those without one (queue_due NULL) by id: for the
-- sub-district's, a community's and a grid's dispatchers. Closed orders,
-- most of the table in time, are not in these indexes at all.
DROP INDEX work_orders_queue;
CREATE INDEX work_orders_queue ON work_orders (district_id, queue_due, id)
    WHERE status <> 'closed';
CREATE INDEX work_orders_queue_community ON work_orders (community_id, queue_due, id)
    WHERE status <> 'closed';
CREATE INDEX work_orders_queue_grid ON work_orders (grid_id, queue_due, id)
    WHERE status <> 'closed';
-- A person's open orders in the queue's order: what they filed (a hotline's
-- staff file thousands) and what they were given.
CREATE INDEX work_orders_queue_reporter ON work_orders (reporter_user_id, queue_due, id)
    WHERE status <> 'closed';
CREATE INDEX work_orders_queue_assignee ON work_orders (assignee_user_id, queue_due, id)
    WHERE status <> 'closed';

-- The grab pool: dispatched for grabbing and not yet taken, a handful at any
-- time in a sub-district.
CREATE INDEX work_orders_pool ON work_orders (district_id, id)
    WHERE grab = TRUE AND status = 'dispatched' AND assignee_user_id IS NULL;
