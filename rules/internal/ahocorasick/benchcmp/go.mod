module github.com/feedguard/feedguard/rules/internal/ahocorasick/benchcmp

go 1.26.0

require github.com/feedguard/feedguard v0.0.0

require github.com/cloudflare/ahocorasick v0.0.0-20240916140611-054963ec9396

replace github.com/feedguard/feedguard => ../../../..
