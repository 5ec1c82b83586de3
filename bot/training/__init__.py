"""Training the learned parts of the engine from the corpus of surveys (tests/eval/corpus.yaml).

Needs the `train` extra (scikit-learn); the bot itself only reads the trained files.
"""
