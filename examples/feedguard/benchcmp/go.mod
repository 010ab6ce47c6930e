module github.com/feedguard/feedguard/examples/feedguard/benchcmp

go 1.26.0

require (
	github.com/cloudflare/ahocorasick v0.0.0-20240916140611-054963ec9396
	github.com/feedguard/feedguard v0.0.0
	github.com/pemistahl/lingua-go v1.4.0
	github.com/stretchr/testify v1.12.1
)

require (
	github.com/mozillazg/go-pinyin v0.21.0 // indirect
	github.com/shopspring/decimal v1.3.1 // indirect
	go.yaml.in/yaml/v3 v3.0.6 // indirect
	golang.org/x/exp v0.0.0-20221106115401-f9659909a136 // indirect
	golang.org/x/text v0.43.0 // indirect
	google.golang.org/protobuf v1.31.0 // indirect
)

replace github.com/feedguard/feedguard => ../../..
