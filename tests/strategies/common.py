"""Values of every JSON type, shared by the formats' strategies."""
from __future__ import annotations

from hypothesis import strategies as st

scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 10**12), st.floats(allow_nan=False, allow_infinity=False),
                    st.sampled_from(["", "*", "NONE", "none", "AWS_IAM", "Active", "PassThrough", "python3.8",
                                     "nodejs22.x", "hunter2-secret", "AKIAIOSFODNN7EXAMPLE", "s3:*", "Allow", "Deny",
                                     "arn:aws:iam::aws:policy/AdministratorAccess", "AdministratorAccess"]),
                    st.text(max_size=8))
json_values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                            st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                           max_leaves=8)
