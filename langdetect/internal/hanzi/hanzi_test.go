package hanzi

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		chars string
		want  Class
	}{
		{"国这发们说红书着", Simplified},
		{"國這發們說紅書後臺", Traditional},
		{"気駅込売広円図歩黒", Japanese},
		{"人大好后么里台干", Neutral},
		{"abcあア한", Neutral},
	}
	for _, tt := range tests {
		for _, r := range tt.chars {
			assert.Equal(t, tt.want, Lookup(r), "%c U+%04X", r, r)
		}
	}
	assert.Equal(t, "Japanese", Japanese.String())
}

func TestIsHan(t *testing.T) {
	for _, r := range "人々〆国𠮟" {
		assert.True(t, IsHan(r), "%c", r)
	}
	for _, r := range "aあア한。⺀〇" {
		assert.False(t, IsHan(r), "%c", r)
	}
}

func TestTablesConsistent(t *testing.T) {
	assert.Equal(t, len(extraRunes), len(extraClasses))
	for i := 1; i < len(extraRunes); i++ {
		assert.Less(t, extraRunes[i-1], extraRunes[i])
	}
	assert.Equal(t, (denseHi-denseLo+1+3)/4, len(dense))
}
