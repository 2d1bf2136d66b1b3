"""Users and passphrases: unlocking, locking, the recovery code, 设置 → 用户与安全."""
