-- A complaint's inbox notice names the complaint in source_id, so an
-- inspector the complaint comes to name loses the notice with the rest
-- (docs/api-oversight.md). Notices sent before said it in their link only;
-- those of complaints naming their reader already go now.
UPDATE notifications SET source_id = CAST(substr(link, 23) AS BIGINT)
 WHERE kind = 'complaint' AND source_id IS NULL AND link LIKE '/oversight/complaints/%';

DELETE FROM notifications
 WHERE kind = 'complaint' AND EXISTS (SELECT 1 FROM complaints c
       WHERE c.id = notifications.source_id AND c.subject_user_id = notifications.user_id);
