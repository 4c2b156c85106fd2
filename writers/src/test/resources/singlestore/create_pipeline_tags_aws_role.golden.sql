CREATE PIPELINE IF NOT EXISTS tp_tag_applications AS
LOAD DATA S3 'tp-staging/staging/tag_applications/'
CONFIG '{"region":"us-east-1","suffixes":["csv.gz"]}'
CREDENTIALS '{}'
STOP_ON_ERROR OFF
INTO TABLE tag_applications
FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '\\'
LINES TERMINATED BY '\n'
(contact_id, tag)
SET tenant_id = SUBSTRING_INDEX(SUBSTRING_INDEX(pipeline_source_file(), '/tenant=', -1), '/', 1),
    batch_id = SUBSTRING_INDEX(SUBSTRING_INDEX(pipeline_source_file(), '/batch=', -1), '/', 1),
    staged_file = SUBSTRING(pipeline_source_file(), LOCATE('staging/tag_applications/', pipeline_source_file()))
