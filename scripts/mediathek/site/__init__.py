"""Stage 4 – site: stage the docs tree, hand it to MkDocs or Zensical, finish the built site, search."""
