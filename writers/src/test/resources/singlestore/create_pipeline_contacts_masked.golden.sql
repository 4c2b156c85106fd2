CREATE PIPELINE IF NOT EXISTS tp_contacts AS
LOAD DATA S3 'tp-staging/staging/contacts/'
CONFIG '{"region":"eu-west-1","endpoint_url":"http://s3.example.test:9000","suffixes":["csv.gz"]}'
CREDENTIALS '{"aws_access_key_id":"****","aws_secret_access_key":"****"}'
BATCH_INTERVAL 2500
STOP_ON_ERROR OFF
INTO TABLE contacts
FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '\\'
LINES TERMINATED BY '\n'
(email, name)
SET tenant_id = SUBSTRING_INDEX(SUBSTRING_INDEX(pipeline_source_file(), '/tenant=', -1), '/', 1),
    batch_id = SUBSTRING_INDEX(SUBSTRING_INDEX(pipeline_source_file(), '/batch=', -1), '/', 1),
    staged_file = SUBSTRING(pipeline_source_file(), LOCATE('staging/contacts/', pipeline_source_file()))
ON DUPLICATE KEY UPDATE
  name = VALUES(name), batch_id = VALUES(batch_id),
  staged_file = VALUES(staged_file)
