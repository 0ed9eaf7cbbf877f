"""Runs a Model Monitor record preprocessor over captured records, as the analyzer container does.

The contract is the AWS guide's ("Preprocessing and Postprocessing", docs.aws.amazon.com/sagemaker/latest/dg/
model-monitor-pre-and-post-processing.html): the script defines preprocess_handler(inference_record), where
inference_record.endpoint_input.data and inference_record.endpoint_output.data hold the captured payloads (with
encoding, observed_content_type and mode), event_metadata holds event_id, inference_time and custom_attributes; it
returns the record's flattened JSON (a dict of feature name to value). Whether the container hands JSON payloads over
as text or parsed is unverified: here data is the captured text.

stdin: one captured record (the capture file's JSON) per line. stdout: one JSON object per line, the handler's
result; a record for which the handler returns None or an empty result yields no line (the guide's samples use this
to filter records). argv[1]: the script.
"""
import importlib.util
import json
import sys
from types import SimpleNamespace


def _data(d):
    d = d or {}
    return SimpleNamespace(data=d.get("data"), encoding=d.get("encoding"), observed_content_type=d.get("observedContentType"), mode=d.get("mode"))


def main():
    spec = importlib.util.spec_from_file_location("record_preprocessor", sys.argv[1])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not hasattr(module, "preprocess_handler"):
        sys.stderr.write("The record preprocessor script defines no preprocess_handler(inference_record)\n")
        sys.exit(1)
    for line in sys.stdin:
        if not line.strip():
            continue
        r = json.loads(line)
        cap = r.get("captureData", {})
        meta = r.get("eventMetadata", {})
        record = SimpleNamespace(
            endpoint_input=_data(cap.get("endpointInput")),
            endpoint_output=_data(cap.get("endpointOutput")),
            event_metadata=SimpleNamespace(event_id=meta.get("eventId"), inference_time=meta.get("inferenceTime"), custom_attributes=meta.get("customAttributes")),
            event_version=r.get("eventVersion"),
        )
        out = module.preprocess_handler(record)
        for o in out if isinstance(out, list) else [out]:
            if o:
                sys.stdout.write(json.dumps(o) + "\n")


main()
