-- Synthetic facts for `touchpoint bench --rollups-only` (MariaDB: the SEQUENCE engine's seq_A_to_B
-- tables number the rows). ${...} are numbers the benchmark computes; :tenantId and :batchId are bound.
-- Per N tag applications: N/2 contacts (each with a HubSpot identity, every second one with a Segment
-- user id), N/2 touchpoints (half name their contact, half only a user id, resolved through the identity;
-- a third are custom events; 30 campaigns over 3 channels; 50 landing pages), N/10 Stripe purchases
-- (1 in 10 in EUR), a refund for 1 purchase in 20, and 40 tags with 1 application in 25 a removal.
-- Times spread over 2025 (multiplied by large primes modulo the seconds of a year). The same statements with higher ranges add a later batch.
INSERT INTO contacts (tenant_id, contact_id, email, first_name, last_name, lifecycle_stage, created_at, updated_at,
                      source, batch_id, staged_file)
SELECT :tenantId, CONCAT('C', LPAD(seq, 25, '0')), CONCAT('p', seq, '@example.com'), 'Ann', 'Lee', 'lead',
       TIMESTAMP('2025-01-01') + INTERVAL (seq MOD 31536000) SECOND, TIMESTAMP('2026-01-01'), 'hubspot', :batchId, 'bench'
FROM seq_${c0}_to_${c1};

INSERT INTO contact_identities (tenant_id, source, id_type, external_id, contact_id, alias_contact_id, seen_at,
                                batch_id, staged_file)
SELECT :tenantId, 'hubspot', 'hubspot_id', seq, CONCAT('C', LPAD(seq, 25, '0')), CONCAT('C', LPAD(seq, 25, '0')),
       TIMESTAMP('2026-01-01'), :batchId, 'bench'
FROM seq_${c0}_to_${c1};

INSERT INTO contact_identities (tenant_id, source, id_type, external_id, contact_id, alias_contact_id, seen_at,
                                batch_id, staged_file)
SELECT :tenantId, 'segment', 'user_id', CONCAT('u', seq), CONCAT('C', LPAD(seq, 25, '0')), CONCAT('A', LPAD(seq, 25, '0')),
       TIMESTAMP('2026-01-01'), :batchId, 'bench'
FROM seq_${c0}_to_${c1} WHERE seq MOD 2 = 0;

INSERT INTO tag_applications (tenant_id, contact_id, tag, sign, occurred_at, source, source_ref, batch_id, staged_file)
SELECT :tenantId, CONCAT('C', LPAD(1 + seq MOD ${contacts}, 25, '0')), CONCAT('tag-', (seq * 7) MOD 40),
       CASE WHEN seq MOD 25 = 0 THEN -1 ELSE 1 END,
       TIMESTAMP('2025-01-01') + INTERVAL ((seq * 104729) MOD 31536000) SECOND, 'hubspot', NULL, :batchId, 'bench'
FROM seq_${t0}_to_${t1};

INSERT INTO touchpoints (tenant_id, event_id, contact_id, user_id, anonymous_id, kind, name, url, channel, campaign,
                         occurred_at, source, source_ref, batch_id, staged_file)
SELECT :tenantId, CONCAT('e', seq),
       CASE WHEN seq MOD 2 = 1 THEN CONCAT('C', LPAD(1 + seq MOD ${contacts}, 25, '0')) END,
       CASE WHEN seq MOD 2 = 0 THEN CONCAT('u', 2 * (1 + seq MOD (${contacts} DIV 2))) END, NULL,
       CASE WHEN seq MOD 3 = 0 THEN 'track' ELSE 'page' END,
       CASE WHEN seq MOD 3 = 0 THEN CONCAT('event-', seq MOD 12) END,
       CONCAT('https://shop.example.com/p/', seq MOD 50, '?utm_source=x'), ELT(1 + seq MOD 3, 'facebook', 'google', 'email'),
       CONCAT('camp-', seq MOD 30), TIMESTAMP('2025-01-01') + INTERVAL ((seq * 7919 + 3600) MOD 31536000) SECOND, 'segment', NULL,
       :batchId, 'bench'
FROM seq_${e0}_to_${e1};

INSERT INTO purchases (tenant_id, purchase_key, contact_id, occurred_at, amount_minor, currency, payment_ref,
                       payment_intent_ref, status, source, batch_id, staged_file, version_key)
SELECT :tenantId, CONCAT('ch_', seq), CONCAT('C', LPAD(1 + (seq * 3) MOD ${contacts}, 25, '0')),
       TIMESTAMP('2025-01-01') + INTERVAL ((seq * 15485863 + 7200) MOD 31536000) SECOND, 1000 + (seq * 37) MOD 50000,
       CASE WHEN seq MOD 10 = 0 THEN 'EUR' ELSE 'USD' END, CONCAT('ch_', seq), NULL, 'paid', 'stripe', :batchId, 'bench',
       'v1'
FROM seq_${p0}_to_${p1};

INSERT INTO refunds (tenant_id, refund_key, purchase_key, contact_id, occurred_at, amount_minor, currency, is_cumulative,
                     source, batch_id, staged_file, version_key)
SELECT p.tenant_id, CONCAT('re_', p.purchase_key), p.purchase_key, p.contact_id, p.occurred_at + INTERVAL 20 DAY, -500,
       p.currency, 0, 'stripe', :batchId, 'bench', 'v1'
FROM seq_${p0}_to_${p1} s
JOIN purchases p ON p.tenant_id = :tenantId AND p.purchase_key = CONCAT('ch_', s.seq)
WHERE s.seq MOD 20 = 0;

INSERT INTO ad_spend (tenant_id, platform, spend_key, campaign, spend_date, impressions, clicks, amount_minor, currency,
                      source, batch_id, staged_file)
SELECT :tenantId, 'facebook', CONCAT(:batchId, '-', c.seq, '-', d.seq), CONCAT('camp-', c.seq),
       DATE('2025-01-01') + INTERVAL d.seq DAY, 1000, 10, 5000, 'USD', 'facebook', :batchId, 'bench'
FROM seq_0_to_29 c JOIN seq_0_to_364 d
WHERE ${c0} = 1
