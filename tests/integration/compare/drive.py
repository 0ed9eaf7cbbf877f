#!/usr/bin/env python3
"""One fixed sequence of boto3 calls against whatever account the environment points at.

Run it once against the workshop sandbox (the exports of `npx workshop env`) and once against moto_server
(AWS_ENDPOINT_URL): it prints one JSON document per line and per call, so the two runs can be compared.

Each line: {"step", "service", "op", "ok", "error": {"code", "message"}?, "shape", "facts"?, "model"}
- shape: the answer's keys and JSON types, recursively (values such as ids and times are left out);
- facts: the few values that must agree between two faithful accounts (listed keys, bodies, tags…);
- model: what botocore's own service model says is wrong with the answer — a required output member
  missing, a member of the wrong type, a string outside its enum, and for JSON services the wire value
  itself (timestamps must be epoch numbers on the awsJson wire).
"""
import base64
import datetime
import hashlib
import json
import os
import sys
import tempfile
import time

import boto3
import botocore.session
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.response import StreamingBody

BUCKET = 'naxt-compare-bucket'
ROLE = 'arn:aws:iam::123456789012:role/naxt-compare-role'
IMAGE = '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-tgi2.3.1-gpu-py311-cu124-ubuntu22.04'
TRAIN_IMAGE = '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-training:2.0.0-transformers4.28.1-gpu-py310-cu118-ubuntu20.04'
# An instance type both accounts know (moto's enum is older than SageMaker's).
INSTANCE = 'ml.g4dn.xlarge'
TRAIN_INSTANCE = 'ml.m5.xlarge'

session = boto3.session.Session()
models = {name: botocore.session.get_session().get_service_model(name) for name in ('s3', 'sts', 'sagemaker', 'cognito-idp')}
# One attempt per call: both accounts are compared on their first answer, and moto's 500s for what it lacks come back at once.
clients = {name: session.client(name, config=Config(retries={'total_max_attempts': 1})) for name in models}
# The wire answer of the last JSON call, captured before botocore parses it.
last_wire = {}


def remember_wire(http_response, **_):
    try:
        last_wire['body'] = json.loads(http_response.content or b'{}')
    except ValueError:
        last_wire['body'] = None


clients['sagemaker'].meta.events.register('after-call.sagemaker', remember_wire)


# ---------- shapes ----------

def shape_of(v):
    """JSON types of an answer, recursively; lists are described by the union of their items."""
    if isinstance(v, dict):
        return {'object': {k: shape_of(x) for k, x in sorted(v.items())}}
    if isinstance(v, list):
        items = [shape_of(x) for x in v]
        return {'array': merge(items) if items else None}
    if isinstance(v, bool):
        return 'boolean'
    if isinstance(v, (int, float)):
        return 'number'
    if isinstance(v, datetime.datetime):
        return 'timestamp'
    if isinstance(v, (bytes, bytearray, StreamingBody)):
        return 'blob'
    if v is None:
        return 'null'
    return 'string'


def merge(shapes):
    out = shapes[0]
    for s in shapes[1:]:
        if isinstance(out, dict) and isinstance(s, dict) and 'object' in out and 'object' in s:
            keys = dict(out['object'])
            for k, x in s['object'].items():
                keys[k] = merge([keys[k], x]) if k in keys else x
            out = {'object': keys}
    return out


# ---------- botocore's model as ground truth ----------

PY_TYPES = {
    'string': (str,), 'boolean': (bool,), 'integer': (int,), 'long': (int,), 'float': (int, float),
    'double': (int, float), 'timestamp': (datetime.datetime,), 'blob': (bytes, bytearray, StreamingBody),
}
WIRE_TYPES = dict(PY_TYPES, timestamp=(int, float), blob=(str,))


def check(value, shape, path, problems, wire):
    """Required members, types and enums of a (parsed or wire) answer against a botocore shape."""
    t = shape.type_name
    if t == 'structure':
        if not isinstance(value, dict):
            problems.append(f'{path}: expected structure, got {type(value).__name__}')
            return
        for name in shape.required_members:
            if name not in value or value[name] is None:
                problems.append(f'{path}.{name}: required member missing')
        for name, member in shape.members.items():
            key = member.serialization.get('name', name) if wire else name
            if key in value and value[key] is not None:
                check(value[key], member, f'{path}.{name}', problems, wire)
    elif t == 'list':
        if not isinstance(value, list):
            problems.append(f'{path}: expected list, got {type(value).__name__}')
            return
        for i, x in enumerate(value):
            check(x, shape.member, f'{path}[{i}]', problems, wire)
    elif t == 'map':
        if not isinstance(value, dict):
            problems.append(f'{path}: expected map, got {type(value).__name__}')
            return
        for k, x in value.items():
            check(x, shape.value, f'{path}.{k}', problems, wire)
    else:
        types = (WIRE_TYPES if wire else PY_TYPES)[t]
        if isinstance(value, bool) and bool not in types:
            problems.append(f'{path}: expected {t}, got bool')
        elif not isinstance(value, types):
            problems.append(f'{path}: expected {t}, got {type(value).__name__} ({str(value)[:40]})')
        elif t == 'string' and shape.enum and value not in shape.enum:
            problems.append(f'{path}: "{value}" is not one of the enum values {shape.enum[:8]}')


def model_problems(service, op, answer):
    out_shape = models[service].operation_model(op).output_shape
    problems = []
    if out_shape is None:
        return problems
    parsed = {k: v for k, v in answer.items() if k != 'ResponseMetadata'}
    check(parsed, out_shape, op, problems, wire=False)
    if service == 'sagemaker' and isinstance(last_wire.get('body'), dict):
        check(last_wire['body'], out_shape, f'wire:{op}', problems, wire=True)
    return problems


# ---------- the sequence ----------

def op_name(service, method):
    return clients[service].meta.method_to_api_mapping[method]


def emit(record):
    print(json.dumps(record, sort_keys=True), flush=True)


def call(step, service, method, facts=None, **kwargs):
    """One call: prints its record and returns the answer (None on error)."""
    op = op_name(service, method)
    last_wire.clear()
    record = {'step': step, 'service': service, 'op': op}
    try:
        answer = getattr(clients[service], method)(**kwargs)
    except ClientError as e:
        err = e.response.get('Error', {})
        record.update(ok=False, error={'code': err.get('Code'), 'message': err.get('Message')}, status=e.response.get('ResponseMetadata', {}).get('HTTPStatusCode'))
        emit(record)
        return None
    body = {k: v for k, v in answer.items() if k != 'ResponseMetadata'}
    record.update(ok=True, shape=shape_of(body), model=model_problems(service, op, answer))
    if facts:
        record['facts'] = facts(answer)
    emit(record)
    return answer


def wait_for(describe, status_key, done, **kwargs):
    """What a learner's waiter does, quickly: poll until the resource settles (both accounts run fast clocks)."""
    for _ in range(100):
        status = describe(**kwargs)[status_key]
        if status in done:
            return status
        time.sleep(0.1)
    return status


def main():
    sts, s3, sm = clients['sts'], clients['s3'], clients['sagemaker']

    # --- STS ---
    call('sts.get_caller_identity', 'sts', 'get_caller_identity', facts=lambda a: {'accountDigits': len(a['Account'])})

    # --- S3 ---
    call('s3.create_bucket', 's3', 'create_bucket', Bucket=BUCKET)
    call('s3.create_bucket.again', 's3', 'create_bucket', Bucket=BUCKET)
    keys = [f'data/part-{i}.jsonl' for i in range(5)]
    for i, k in enumerate(keys):
        call(f's3.put_object.{i}', 's3', 'put_object', Bucket=BUCKET, Key=k, Body=f'{{"n": {i}}}\n'.encode(), ContentType='application/jsonlines')
    pages, token = [], None
    while True:
        extra = {'ContinuationToken': token} if token else {}
        a = call(f's3.list_objects_v2.page{len(pages) + 1}', 's3', 'list_objects_v2', facts=lambda a: {'keys': [o['Key'] for o in a.get('Contents', [])], 'truncated': a['IsTruncated'], 'keyCount': a['KeyCount']}, Bucket=BUCKET, Prefix='data/', MaxKeys=2, **extra)
        if a is None:
            break
        pages.append([o['Key'] for o in a.get('Contents', [])])
        token = a.get('NextContinuationToken')
        if not a['IsTruncated'] or len(pages) > 5:
            break
    call('s3.get_object', 's3', 'get_object', facts=lambda a: {'body': a['Body'].read().decode(), 'contentType': a['ContentType'], 'length': a['ContentLength']}, Bucket=BUCKET, Key=keys[2])
    call('s3.get_object.missing', 's3', 'get_object', Bucket=BUCKET, Key='data/nope.jsonl')
    call('s3.get_bucket_tagging.none', 's3', 'get_bucket_tagging', Bucket=BUCKET)
    call('s3.put_bucket_tagging', 's3', 'put_bucket_tagging', Bucket=BUCKET, Tagging={'TagSet': [{'Key': 'lab', 'Value': '01'}, {'Key': 'team', 'Value': 'advisors'}]})
    call('s3.get_bucket_tagging', 's3', 'get_bucket_tagging', facts=lambda a: {'tags': sorted((t['Key'], t['Value']) for t in a['TagSet'])}, Bucket=BUCKET)
    call('s3.delete_objects', 's3', 'delete_objects', facts=lambda a: {'deleted': sorted(d['Key'] for d in a.get('Deleted', []))}, Bucket=BUCKET, Delete={'Objects': [{'Key': k} for k in keys[:3]]})
    call('s3.list_objects_v2.after_delete', 's3', 'list_objects_v2', facts=lambda a: {'keys': [o['Key'] for o in a.get('Contents', [])]}, Bucket=BUCKET, Prefix='data/')

    # Multipart: boto3's transfer manager splits 11 MiB into three 5 MiB-or-less parts.
    blob = os.urandom(11 * 1024 * 1024)
    with tempfile.TemporaryDirectory() as d:
        src, dst = os.path.join(d, 'up.bin'), os.path.join(d, 'down.bin')
        with open(src, 'wb') as f:
            f.write(blob)
        cfg = TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024, use_threads=False)
        record = {'step': 's3.upload_file.multipart', 'service': 's3', 'op': 'UploadFile'}
        try:
            s3.upload_file(src, BUCKET, 'big/blob.bin', Config=cfg)
            s3.download_file(BUCKET, 'big/blob.bin', dst, Config=cfg)
            with open(dst, 'rb') as f:
                same = hashlib.sha256(f.read()).hexdigest() == hashlib.sha256(blob).hexdigest()
            record.update(ok=True, shape=None, model=[], facts={'roundTrip': same})
        except ClientError as e:
            record.update(ok=False, error={'code': e.response['Error'].get('Code'), 'message': e.response['Error'].get('Message')})
        emit(record)
    call('s3.head_object.multipart', 's3', 'head_object', facts=lambda a: {'length': a['ContentLength'], 'etagParts': a['ETag'].strip('"').partition('-')[2]}, Bucket=BUCKET, Key='big/blob.bin')

    # Training data for the training job and a manifest for the labeling job.
    records = ''.join(json.dumps({'instruction': f'Summarize call {i}', 'response': f'The client asked about bonds, fee {i}.'}) + '\n' for i in range(12))
    call('s3.put_object.train', 's3', 'put_object', Bucket=BUCKET, Key='train/train.jsonl', Body=records.encode())
    manifest = ''.join(json.dumps({'source': f'Call {i}: the client asked about bonds.'}) + '\n' for i in range(3))
    call('s3.put_object.manifest', 's3', 'put_object', Bucket=BUCKET, Key='labeling/input.manifest', Body=manifest.encode())

    # --- SageMaker: models and endpoints ---
    call('sagemaker.create_model', 'sagemaker', 'create_model', ModelName='cmp-model', ExecutionRoleArn=ROLE, PrimaryContainer={'Image': IMAGE, 'Environment': {'HF_MODEL_ID': 'cmp'}})
    call('sagemaker.describe_model', 'sagemaker', 'describe_model', ModelName='cmp-model')
    call('sagemaker.create_endpoint_config', 'sagemaker', 'create_endpoint_config', EndpointConfigName='cmp-config',
         ProductionVariants=[{'VariantName': 'AllTraffic', 'ModelName': 'cmp-model', 'InstanceType': INSTANCE, 'InitialInstanceCount': 1, 'InitialVariantWeight': 1.0}],
         DataCaptureConfig={'EnableCapture': True, 'InitialSamplingPercentage': 100, 'DestinationS3Uri': f's3://{BUCKET}/capture',
                            'CaptureOptions': [{'CaptureMode': 'Input'}, {'CaptureMode': 'Output'}]})
    call('sagemaker.describe_endpoint_config', 'sagemaker', 'describe_endpoint_config', facts=lambda a: {'capture': a.get('DataCaptureConfig', {}).get('DestinationS3Uri')}, EndpointConfigName='cmp-config')
    call('sagemaker.create_endpoint.1', 'sagemaker', 'create_endpoint', EndpointName='cmp-endpoint-1', EndpointConfigName='cmp-config', Tags=[{'Key': 'lab', 'Value': '02'}])
    call('sagemaker.create_endpoint.2', 'sagemaker', 'create_endpoint', EndpointName='cmp-endpoint-2', EndpointConfigName='cmp-config')
    call('sagemaker.create_endpoint.duplicate', 'sagemaker', 'create_endpoint', EndpointName='cmp-endpoint-1', EndpointConfigName='cmp-config')
    wait_for(sm.describe_endpoint, 'EndpointStatus', ('InService', 'Failed'), EndpointName='cmp-endpoint-1')
    ep = call('sagemaker.describe_endpoint', 'sagemaker', 'describe_endpoint', facts=lambda a: {'config': a.get('EndpointConfigName'), 'status': a['EndpointStatus'], 'variants': [v['VariantName'] for v in a.get('ProductionVariants', [])]}, EndpointName='cmp-endpoint-1')
    names, token, n = [], None, 0
    while True:
        n += 1
        extra = {'NextToken': token} if token else {}
        a = call(f'sagemaker.list_endpoints.page{n}', 'sagemaker', 'list_endpoints', facts=lambda a: {'count': len(a['Endpoints']), 'hasNext': 'NextToken' in a}, MaxResults=1, SortBy='Name', SortOrder='Ascending', **extra)
        if a is None:
            break
        names += [e['EndpointName'] for e in a['Endpoints']]
        token = a.get('NextToken')
        if not token or n > 4:
            break
    emit({'step': 'sagemaker.list_endpoints.all', 'service': 'sagemaker', 'op': 'ListEndpoints', 'ok': True, 'shape': None, 'model': [], 'facts': {'names': names}})
    if ep:
        arn = ep['EndpointArn']
        call('sagemaker.add_tags', 'sagemaker', 'add_tags', ResourceArn=arn, Tags=[{'Key': 'owner', 'Value': 'learner'}, {'Key': 'stage', 'Value': 'dev'}])
        call('sagemaker.list_tags', 'sagemaker', 'list_tags', facts=lambda a: {'tags': sorted((t['Key'], t['Value']) for t in a['Tags'])}, ResourceArn=arn)
        call('sagemaker.delete_tags', 'sagemaker', 'delete_tags', ResourceArn=arn, TagKeys=['stage'])
        call('sagemaker.list_tags.after_delete', 'sagemaker', 'list_tags', facts=lambda a: {'tags': sorted((t['Key'], t['Value']) for t in a['Tags'])}, ResourceArn=arn)
    call('sagemaker.describe_endpoint.missing', 'sagemaker', 'describe_endpoint', EndpointName='cmp-no-such-endpoint')

    # --- SageMaker: training, registry, pipelines ---
    call('sagemaker.create_training_job', 'sagemaker', 'create_training_job', TrainingJobName='cmp-training-job', RoleArn=ROLE,
         AlgorithmSpecification={'TrainingImage': TRAIN_IMAGE, 'TrainingInputMode': 'File'},
         InputDataConfig=[{'ChannelName': 'training', 'DataSource': {'S3DataSource': {'S3DataType': 'S3Prefix', 'S3Uri': f's3://{BUCKET}/train/', 'S3DataDistributionType': 'FullyReplicated'}}}],
         OutputDataConfig={'S3OutputPath': f's3://{BUCKET}/output'}, ResourceConfig={'InstanceType': TRAIN_INSTANCE, 'InstanceCount': 1, 'VolumeSizeInGB': 30},
         StoppingCondition={'MaxRuntimeInSeconds': 3600}, HyperParameters={'epoch': '2', 'learning_rate': '0.0001'})
    wait_for(sm.describe_training_job, 'TrainingJobStatus', ('Completed', 'Failed', 'Stopped'), TrainingJobName='cmp-training-job')
    call('sagemaker.describe_training_job', 'sagemaker', 'describe_training_job', facts=lambda a: {'hyperparameters': a.get('HyperParameters'), 'status': a['TrainingJobStatus']}, TrainingJobName='cmp-training-job')
    call('sagemaker.describe_training_job.missing', 'sagemaker', 'describe_training_job', TrainingJobName='cmp-no-such-job')
    call('sagemaker.create_model_package_group', 'sagemaker', 'create_model_package_group', ModelPackageGroupName='cmp-group', ModelPackageGroupDescription='compare')
    call('sagemaker.describe_model_package_group', 'sagemaker', 'describe_model_package_group', ModelPackageGroupName='cmp-group')
    definition = json.dumps({'Version': '2020-12-01', 'Parameters': [], 'Steps': [{'Name': 'Evaluate', 'Type': 'Processing', 'Arguments': {
        'ProcessingResources': {'ClusterConfig': {'InstanceType': 'ml.m5.xlarge', 'InstanceCount': 1, 'VolumeSizeInGB': 30}},
        'AppSpecification': {'ImageUri': TRAIN_IMAGE}, 'RoleArn': ROLE}}]})
    call('sagemaker.create_pipeline', 'sagemaker', 'create_pipeline', PipelineName='cmp-pipeline', PipelineDefinition=definition, RoleArn=ROLE, ClientRequestToken='cmp-pipeline-create-token-000000001')
    call('sagemaker.describe_pipeline', 'sagemaker', 'describe_pipeline', facts=lambda a: {'definitionSteps': len(json.loads(a['PipelineDefinition'])['Steps'])}, PipelineName='cmp-pipeline')
    call('sagemaker.list_pipelines', 'sagemaker', 'list_pipelines', facts=lambda a: {'names': [p['PipelineName'] for p in a['PipelineSummaries']]})

    # --- SageMaker: what moto lacks (hub, monitoring, labeling) ---
    hub = call('sagemaker.list_hub_contents', 'sagemaker', 'list_hub_contents', HubName='SageMakerPublicHub', HubContentType='Model', MaxResults=5)
    first = hub['HubContentSummaries'][0]['HubContentName'] if hub and hub['HubContentSummaries'] else 'huggingface-llm-no-such-model'
    call('sagemaker.describe_hub_content', 'sagemaker', 'describe_hub_content', HubName='SageMakerPublicHub', HubContentType='Model', HubContentName=first)
    call('sagemaker.create_data_quality_job_definition', 'sagemaker', 'create_data_quality_job_definition', JobDefinitionName='cmp-dq', RoleArn=ROLE,
         DataQualityAppSpecification={'ImageUri': '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer'},
         DataQualityJobInput={'EndpointInput': {'EndpointName': 'cmp-endpoint-1', 'LocalPath': '/opt/ml/processing/input'}},
         DataQualityJobOutputConfig={'MonitoringOutputs': [{'S3Output': {'S3Uri': f's3://{BUCKET}/monitoring', 'LocalPath': '/opt/ml/processing/output'}}]},
         JobResources={'ClusterConfig': {'InstanceCount': 1, 'InstanceType': 'ml.m5.xlarge', 'VolumeSizeInGB': 20}})
    call('sagemaker.create_monitoring_schedule', 'sagemaker', 'create_monitoring_schedule', MonitoringScheduleName='cmp-schedule',
         MonitoringScheduleConfig={'ScheduleConfig': {'ScheduleExpression': 'cron(0 * ? * * *)'}, 'MonitoringJobDefinitionName': 'cmp-dq', 'MonitoringType': 'DataQuality'})
    call('sagemaker.describe_monitoring_schedule', 'sagemaker', 'describe_monitoring_schedule', MonitoringScheduleName='cmp-schedule')
    call('sagemaker.list_monitoring_schedules', 'sagemaker', 'list_monitoring_schedules', EndpointName='cmp-endpoint-1')
    call('sagemaker.list_monitoring_executions', 'sagemaker', 'list_monitoring_executions', MonitoringScheduleName='cmp-schedule')
    # A private workforce as Ground Truth needs it: a Cognito user pool, its app client and a group, then the Region's
    # workforce naming the pool and client (moto has Cognito, not SageMaker's workforces).
    pool = call('cognito-idp.create_user_pool', 'cognito-idp', 'create_user_pool', PoolName='cmp-labelers', UserPoolTags={'lab': '06'},
                facts=lambda a: {'tags': a['UserPool'].get('UserPoolTags')})
    pool_id = pool['UserPool']['Id'] if pool else 'us-east-1_naxt'
    app = call('cognito-idp.create_user_pool_client', 'cognito-idp', 'create_user_pool_client', UserPoolId=pool_id, ClientName='cmp-portal')
    client_id = app['UserPoolClient']['ClientId'] if app else 'naxtclient'
    call('cognito-idp.create_group', 'cognito-idp', 'create_group', UserPoolId=pool_id, GroupName='advisors', Description='advisors')
    call('cognito-idp.create_group.again', 'cognito-idp', 'create_group', UserPoolId=pool_id, GroupName='advisors')
    call('cognito-idp.list_groups', 'cognito-idp', 'list_groups', UserPoolId=pool_id, facts=lambda a: {'groups': [g['GroupName'] for g in a['Groups']]})
    call('cognito-idp.list_user_pool_clients', 'cognito-idp', 'list_user_pool_clients', UserPoolId=pool_id, MaxResults=10,
         facts=lambda a: {'clients': [c['ClientName'] for c in a['UserPoolClients']]})
    call('cognito-idp.describe_user_pool.missing', 'cognito-idp', 'describe_user_pool', UserPoolId='us-east-1_ZZZZZZZZZ')
    call('sagemaker.create_workforce', 'sagemaker', 'create_workforce', WorkforceName='cmp-workforce', CognitoConfig={'UserPool': pool_id, 'ClientId': client_id})
    # Labeling runs on every account (moto lacks it): made-up ARNs stand in when the team or the UI could not be created.
    team = call('sagemaker.create_workteam', 'sagemaker', 'create_workteam', WorkteamName='cmp-team', Description='advisors',
                MemberDefinitions=[{'CognitoMemberDefinition': {'UserPool': pool_id, 'UserGroup': 'advisors', 'ClientId': client_id}}])
    ui = call('sagemaker.create_human_task_ui', 'sagemaker', 'create_human_task_ui', HumanTaskUiName='cmp-ui', UiTemplate={'Content': '<crowd-form><crowd-input name="summary"></crowd-input></crowd-form>'})
    call('sagemaker.describe_workteam', 'sagemaker', 'describe_workteam', WorkteamName='cmp-team')
    team_arn = team['WorkteamArn'] if team else 'arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/cmp-team'
    # A custom task's worker template is an S3 object (HumanTaskConfig.UiConfig.UiTemplateS3Uri in botocore's model).
    call('s3.put_object.template', 's3', 'put_object', Bucket=BUCKET, Key='labeling/template.liquid.html',
         Body=b'<script src="https://assets.crowd.aws/crowd-html-elements.js"></script><crowd-form><crowd-input name="summary"></crowd-input></crowd-form>')
    call('sagemaker.create_labeling_job', 'sagemaker', 'create_labeling_job', LabelingJobName='cmp-labeling', LabelAttributeName='summary', RoleArn=ROLE,
         InputConfig={'DataSource': {'S3DataSource': {'ManifestS3Uri': f's3://{BUCKET}/labeling/input.manifest'}}},
         OutputConfig={'S3OutputPath': f's3://{BUCKET}/labeling/output'},
         HumanTaskConfig={'WorkteamArn': team_arn, 'UiConfig': {'UiTemplateS3Uri': f's3://{BUCKET}/labeling/template.liquid.html'},
                          'PreHumanTaskLambdaArn': 'arn:aws:lambda:us-east-1:432418664414:function:PRE-PassThrough',
                          'TaskTitle': 'Summaries', 'TaskDescription': 'Write a summary', 'NumberOfHumanWorkersPerDataObject': 1, 'TaskTimeLimitInSeconds': 600,
                          'AnnotationConsolidationConfig': {'AnnotationConsolidationLambdaArn': 'arn:aws:lambda:us-east-1:432418664414:function:ACS-PassThrough'}})
    call('sagemaker.describe_labeling_job', 'sagemaker', 'describe_labeling_job', LabelingJobName='cmp-labeling')
    call('sagemaker.list_labeling_jobs', 'sagemaker', 'list_labeling_jobs')

    # --- deletes ---
    call('sagemaker.delete_monitoring_schedule', 'sagemaker', 'delete_monitoring_schedule', MonitoringScheduleName='cmp-schedule')
    call('sagemaker.delete_pipeline', 'sagemaker', 'delete_pipeline', PipelineName='cmp-pipeline', ClientRequestToken='cmp-pipeline-delete-token-000000002')
    call('sagemaker.describe_pipeline.deleted', 'sagemaker', 'describe_pipeline', PipelineName='cmp-pipeline')
    call('sagemaker.delete_model_package_group', 'sagemaker', 'delete_model_package_group', ModelPackageGroupName='cmp-group')
    call('sagemaker.delete_endpoint.1', 'sagemaker', 'delete_endpoint', EndpointName='cmp-endpoint-1')
    call('sagemaker.delete_endpoint.2', 'sagemaker', 'delete_endpoint', EndpointName='cmp-endpoint-2')
    call('sagemaker.delete_endpoint_config', 'sagemaker', 'delete_endpoint_config', EndpointConfigName='cmp-config')
    call('sagemaker.delete_model', 'sagemaker', 'delete_model', ModelName='cmp-model')
    call('sagemaker.describe_model.deleted', 'sagemaker', 'describe_model', ModelName='cmp-model')


if __name__ == '__main__':
    sys.exit(main())
