-- Deactivating a subscription now cancels its pending deliveries. Those left pending by
-- deactivations before this version are cancelled here, with the reason, so the dispatcher and
-- the pending count forget them.
update webhook_delivery
   set status = 'CANCELLED',
       last_error = 'cancelled: subscription inactive (upgrade to V10)'
 where status = 'PENDING'
   and subscription_id in (select id from webhook_subscription where active = false);

-- Secrets are sealed (AES-256-GCM, org.radflow.webhook.WebhookSecrets) from now on; those stored
-- before stay plain, marked here, until the first start after this migration seals them (SQL has
-- no key). The hint shown instead of a secret can no longer be cut from the sealed text, so it is
-- kept beside it.
alter table webhook_subscription add column secret_sealed boolean not null default false;
alter table webhook_subscription add column secret_hint text;
update webhook_subscription
   set secret_hint = '…' || case when length(secret) <= 4 then secret
                                 else substr(secret, length(secret) - 3) end;
