"""The text layer: normalisation, sentences and tokens, all offset-preserving."""
from hadath.text.normalize import INVISIBLE, normalize, normalize_with_map
from hadath.text.sentences import split_sentences
from hadath.text.tokens import add_vocabulary, segment, tokenize

__all__ = ["INVISIBLE", "normalize", "normalize_with_map", "split_sentences", "tokenize",
           "segment", "add_vocabulary"]
