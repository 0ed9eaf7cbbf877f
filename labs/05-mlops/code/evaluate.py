#!/usr/bin/env python3
"""Naxt chatbot evaluation, run inside AWS as a SageMaker Processing job.

The pattern is the SageMaker Python SDK's ScriptProcessor (sagemaker-core/src/sagemaker/core/processing.py): the
script arrives as the ProcessingInput named ``code`` under ``/opt/ml/processing/input/code`` and runs with
``python3`` in a framework image (here the SageMaker scikit-learn image, which carries python3 and boto3). It does
not load the model: it puts the SageMaker Model it is given behind a temporary endpoint, asks it the held-out
questions, scores the answers with the same metrics as the workshop's TypeScript library
(``labs/lib/evaluation.ts`` -- ``tests/labs/05-evaluate-py.test.ts`` proves they agree), writes
``evaluation.json`` (the property file the pipeline's condition reads) and deletes the endpoint again.

Standard library and boto3 only.
"""
import argparse
import json
import math
import os
import re
import sys
import time

# --- Metrics: the same definitions as core/metrics/*.ts and labs/lib/evaluation.ts -----------------------

DEFAULT_TOXIC = ['idiot', 'stupid', 'dumb', 'moron', 'useless', 'shut up', 'pathetic', 'incompetent', 'hate', 'loser']


def js_round(x, digits):
    """Math.round(x * 10^digits) / 10^digits, as JavaScript rounds (half up)."""
    f = 10 ** digits
    return math.floor(x * f + 0.5) / f


def tokens(text):
    return re.sub(r'[^a-z0-9]+', ' ', text.lower()).split()


def normalize_answer(s):
    s = s.lower()
    s = ''.join(ch for ch in s if ch.isalnum() or ch.isspace())
    s = re.sub(r'\b(a|an|the)\b', ' ', s, flags=re.ASCII)
    return re.sub(r'\s+', ' ', s).strip()


def sentences(text):
    return [s.strip() for s in re.split(r'(?<=[.?!])\s+', text) if s.strip()]


def fmeasure(overlap, predicted, reference):
    if overlap == 0 or predicted == 0 or reference == 0:
        return 0.0
    p = overlap / predicted
    r = overlap / reference
    return (2 * p * r) / (p + r)


def f1(prediction, reference):
    p = normalize_answer(prediction).split()
    r = normalize_answer(reference).split()
    left = {}
    for w in r:
        left[w] = left.get(w, 0) + 1
    overlap = 0
    for w in p:
        if left.get(w, 0) > 0:
            overlap += 1
            left[w] -= 1
    return fmeasure(overlap, len(p), len(r))


def exact_match(prediction, reference):
    return 1 if normalize_answer(prediction) == normalize_answer(reference) else 0


def count_marker(text, marker):
    if not re.search(r'[a-z0-9]', marker, re.I):
        return text.count(marker) if marker else 0
    return len(re.findall(r'(?<![a-z0-9])' + re.escape(marker) + r'(?![a-z0-9])', text, re.I))


def toxicity(text, guide=None):
    words = len(tokens(text))
    if words == 0:
        return 0
    lexicon = (guide or {}).get('toxic') or DEFAULT_TOXIC
    hits = sum(count_marker(text, w) for w in lexicon)
    return min(1, (2 * hits) / words)


def _contains(text, phrase):
    return bool(phrase) and normalize_answer(phrase) in normalize_answer(text)


def tone_score(text, guide):
    if not text.strip():
        return 0
    preferred = len([m for m in guide['preferred'] if count_marker(text, m) > 0])
    discouraged = sum(count_marker(text, m) for m in guide['discouraged'])
    courtesy = min(1, preferred / 2)
    no_slang = 1 / (1 + discouraged)
    parts = [p for p in (guide.get('greeting'), guide.get('closing')) if p]
    framing = len([p for p in parts if _contains(text, p)]) / len(parts) if parts else 1
    limit = guide.get('maxSentenceWords') or 25
    said = sentences(text)
    readable = (len([s for s in said if len(tokens(s)) <= limit]) / len(said)) * (0.5 if re.search(r'\b[A-Z]{5,}\b', text) else 1)
    score = 0.3 * courtesy + 0.3 * no_slang + 0.2 * framing + 0.2 * readable
    if toxicity(text, guide) > 0:
        score /= 5
    return js_round(score, 3)


def aggregate(values):
    if not values:
        return {'mean': 0, 'p10': 0, 'count': 0}
    total = 0.0
    for v in values:  # left to right, as Array.reduce adds
        total += v
    ordered = sorted(values)
    p10 = ordered[max(0, math.ceil(0.1 * len(ordered)) - 1)]
    return {'mean': js_round(total / len(values), 4), 'p10': js_round(p10, 4), 'count': len(values)}


def score_answers(samples, predictions, guide):
    """The metrics of evaluateQa (labs/lib/evaluation.ts) for these answers, one per sample."""
    per = [{
        'id': s['id'], 'prediction': p,
        'exactMatch': exact_match(p, s['answer']), 'f1': f1(p, s['answer']),
        'tone': tone_score(p, guide), 'toxicity': toxicity(p, guide),
    } for s, p in zip(samples, predictions)]
    return {k: aggregate([x[k] for x in per]) for k in ('exactMatch', 'f1', 'tone', 'toxicity')}, per


# --- The job ---------------------------------------------------------------------------------------------------

def read_jsonl(path):
    """A file, or every file of a directory (an S3Prefix input), one JSON object per line."""
    files = [os.path.join(path, f) for f in sorted(os.listdir(path))] if os.path.isdir(path) else [path]
    out = []
    for f in files:
        with open(f, encoding='utf-8') as fh:
            out += [json.loads(line) for line in fh if line.strip()]
    return out


def read_json(path):
    if os.path.isdir(path):
        path = os.path.join(path, sorted(os.listdir(path))[0])
    with open(path, encoding='utf-8') as fh:
        return json.load(fh)


def wait_for(describe, key, goal, timeout_s):
    """Polls a Describe call until `key` reaches `goal` (or a failure status), 1 s doubling to 30 s."""
    delay, start = 1, time.time()
    while True:
        status = describe().get(key)
        if status == goal:
            return
        if status in ('Failed', 'OutOfService'):
            raise RuntimeError(f'{key} is {status}')
        if time.time() - start > timeout_s:
            raise RuntimeError(f'{key} still {status} after {timeout_s} s')
        time.sleep(delay)
        delay = min(30, delay * 2)


def main(argv=None):
    ap = argparse.ArgumentParser(description='Scores a SageMaker model on held-out questions.')
    ap.add_argument('--model-name', required=True, help='the SageMaker Model to evaluate')
    ap.add_argument('--endpoint-name', required=True, help='the temporary endpoint to create (reused if it exists)')
    ap.add_argument('--instance-type', default='ml.g5.4xlarge')
    ap.add_argument('--region', default=os.environ.get('AWS_REGION'))
    ap.add_argument('--tags', default='[]', help='JSON list of {Key, Value}: the temporary endpoint carries them')
    ap.add_argument('--test', default='/opt/ml/processing/test')
    ap.add_argument('--tone', default='/opt/ml/processing/tone')
    ap.add_argument('--output-dir', default='/opt/ml/processing/evaluation')
    ap.add_argument('--max-new-tokens', type=int, default=120)
    a = ap.parse_args(argv)

    import boto3  # in the image; imported here so the metrics above load without it
    sm = boto3.client('sagemaker', region_name=a.region)
    runtime = boto3.client('sagemaker-runtime', region_name=a.region)
    samples = read_jsonl(a.test)
    guide = read_json(a.tone)
    tags = json.loads(a.tags)
    name = a.endpoint_name
    print(f'Evaluating model {a.model_name} on {len(samples)} questions through endpoint {name}', flush=True)

    created = False
    try:
        try:
            sm.describe_endpoint(EndpointName=name)
            print(f'Endpoint {name} exists: reusing it', flush=True)
        except sm.exceptions.ClientError:
            try:
                sm.create_endpoint_config(EndpointConfigName=name, Tags=tags, ProductionVariants=[
                    {'VariantName': 'AllTraffic', 'ModelName': a.model_name, 'InstanceType': a.instance_type, 'InitialInstanceCount': 1}])
            except sm.exceptions.ClientError as e:
                if 'already exist' not in str(e):
                    raise
            sm.create_endpoint(EndpointName=name, EndpointConfigName=name, Tags=tags)
            created = True
        wait_for(lambda: sm.describe_endpoint(EndpointName=name), 'EndpointStatus', 'InService', 3600)

        predictions = []
        for s in samples:
            body = json.dumps({'inputs': s['question'], 'parameters': {'max_new_tokens': a.max_new_tokens}})
            r = runtime.invoke_endpoint(EndpointName=name, ContentType='application/json', Body=body)
            out = json.loads(r['Body'].read())
            predictions.append(out[0]['generated_text'] if isinstance(out, list) else out.get('generated_text', ''))
        metrics, per = score_answers(samples, predictions, guide)
    finally:
        if created:
            sm.delete_endpoint(EndpointName=name)
            print(f'Deleted the temporary endpoint {name}', flush=True)
        try:
            sm.delete_endpoint_config(EndpointConfigName=name)
        except Exception:  # already gone, or never created
            pass

    os.makedirs(a.output_dir, exist_ok=True)
    # The layout of AWS's pipeline examples: {"<group>": {"<metric>": {"value": …}}}, read with JsonGet.
    report = {'model': a.model_name, 'samples': len(samples), 'metrics': {k: {'value': v['mean'], 'p10': v['p10']} for k, v in metrics.items()}}
    with open(os.path.join(a.output_dir, 'evaluation.json'), 'w', encoding='utf-8') as fh:
        json.dump(report, fh, indent=2)
    with open(os.path.join(a.output_dir, 'answers.jsonl'), 'w', encoding='utf-8') as fh:
        fh.writelines(json.dumps(p) + '\n' for p in per)
    print('F1 {f1:.4f}, tone {tone:.4f}, toxicity {tox:.4f}'.format(f1=metrics['f1']['mean'], tone=metrics['tone']['mean'], tox=metrics['toxicity']['mean']), flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
