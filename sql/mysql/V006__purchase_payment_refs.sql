-- The same payment can reach us from the payment processor (Stripe export or API) and from the shop
-- that took it (a Shopify order paid through the Stripe gateway). Each purchase row keeps the
-- processor's references it knows, prefixed by the processor: payment_ref is the charge
-- ('stripe:ch_...' or 'stripe:py_...'), payment_intent_ref the PaymentIntent ('stripe:pi_...').
-- Rollups count a non-processor purchase whose reference matches a processor purchase once, as the
-- processor's purchase.
ALTER TABLE purchases ADD COLUMN payment_ref VARCHAR(255) NULL AFTER settlement_currency;
ALTER TABLE purchases ADD COLUMN payment_intent_ref VARCHAR(255) NULL AFTER payment_ref;
CREATE INDEX ix_purchases_payment_ref ON purchases (tenant_id, payment_ref);
CREATE INDEX ix_purchases_payment_intent_ref ON purchases (tenant_id, payment_intent_ref);
