CREATE PIPELINE IF NOT EXISTS tp_tag_applications AS
LOAD DATA S3 'tp-staging/staging/tag_applications/'
CONFIG '{"region":"us-east-1","suffixes":["csv.gz"]}'
CREDENTIALS '{}'
STOP_ON_ERROR OFF
INTO TABLE tag_applications
FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '\\'
LINES TERMINATED BY '\n'
(tenant_id, contact_id, tag, batch_id)
SET staged_file = SUBSTRING(pipeline_source_file(), LOCATE('staging/tag_applications/', pipeline_source_file()))
