-- Deactivating a subscription now cancels its pending deliveries. Those left pending by
-- deactivations before this version are cancelled here, with the reason, so the dispatcher and
-- the pending count forget them.
update webhook_delivery
   set status = 'CANCELLED',
       last_error = 'cancelled: subscription inactive (upgrade to V10)'
 where status = 'PENDING'
   and subscription_id in (select id from webhook_subscription where active = false);
