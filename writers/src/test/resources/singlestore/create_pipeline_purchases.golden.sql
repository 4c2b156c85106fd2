CREATE PIPELINE IF NOT EXISTS tp_purchases AS
LOAD DATA S3 'tp-staging/staging/purchases/'
CONFIG '{"region":"eu-west-1","endpoint_url":"http://s3.example.test:9000","suffixes":["csv.gz"]}'
CREDENTIALS '{"aws_access_key_id":"AKIAEXAMPLE","aws_secret_access_key":"wJalrXUtnFEMI/K7MDENG"}'
SKIP DUPLICATE KEY ERRORS
STOP_ON_ERROR OFF
INTO TABLE purchases
FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '\\'
LINES TERMINATED BY '\n'
(order_id, amount_minor, note, purchased_at)
SET tenant_id = SUBSTRING_INDEX(SUBSTRING_INDEX(pipeline_source_file(), '/tenant=', -1), '/', 1),
    batch_id = SUBSTRING_INDEX(SUBSTRING_INDEX(pipeline_source_file(), '/batch=', -1), '/', 1),
    staged_file = SUBSTRING(pipeline_source_file(), LOCATE('staging/purchases/', pipeline_source_file()))
