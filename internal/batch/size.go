package batch

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// ParseSize reads a size such as 1GiB, 500M, 64k or 1048576 (bytes).
func ParseSize(s string) (int64, error) {
	t := strings.TrimSuffix(strings.TrimSuffix(strings.ToLower(strings.TrimSpace(s)), "b"), "i")
	shift := 0
	if t != "" {
		switch t[len(t)-1] {
		case 'k':
			shift = 10
		case 'm':
			shift = 20
		case 'g':
			shift = 30
		case 't':
			shift = 40
		}
	}
	if shift > 0 {
		t = t[:len(t)-1]
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 || n > math.MaxInt64>>shift {
		return 0, errors.New("not a size; write it as 500MiB, 4GiB, or 0 for no limit")
	}
	return n << shift, nil
}
