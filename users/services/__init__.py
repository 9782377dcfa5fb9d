"""Account changes, one module per concern: `accounts` (sign-up, profile,
password), `sessions` (sign-in and tokens), `follows`, and `credentials` (every
check of a password, throttled alike)."""
