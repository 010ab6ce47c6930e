package ahocorasick_test

import (
	"fmt"

	"github.com/feedguard/feedguard/rules/internal/ahocorasick"
)

func Example() {
	patterns := [][]byte{[]byte("he"), []byte("she"), []byte("hers"), []byte("发票")}
	a, err := ahocorasick.Build(patterns)
	if err != nil {
		panic(err)
	}
	haystack := []byte("ushers 代开发票")
	a.FindAll(haystack, func(m ahocorasick.Match) bool {
		fmt.Printf("%d %q [%d:%d]\n", m.Pattern, haystack[m.Start:m.End], m.Start, m.End)
		return true
	})
	// Output:
	// 1 "she" [1:4]
	// 0 "he" [2:4]
	// 2 "hers" [2:6]
	// 3 "发票" [13:19]
}
