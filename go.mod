module github.com/feedguard/feedguard

go 1.26.0

require (
	github.com/mozillazg/go-pinyin v0.21.0
	github.com/pemistahl/lingua-go v1.4.0
	github.com/stretchr/testify v1.12.1
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/text v0.43.0
)

require (
	github.com/shopspring/decimal v1.3.1 // indirect
	golang.org/x/exp v0.0.0-20221106115401-f9659909a136 // indirect
	google.golang.org/protobuf v1.31.0 // indirect
)
