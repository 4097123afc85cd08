package hook

import (
	"errors"
	"testing"
)

func TestCheckRecursion(t *testing.T) {
	for v, wantErr := range map[string]bool{"": false, "1": false, "2": true, "0": true, "x": true} {
		err := CheckRecursion(envOf(map[string]string{EnvDepth: v}))
		if wantErr != errors.Is(err, ErrRecursion) || (!wantErr && err != nil) {
			t.Errorf("CheckRecursion(%s=%q) = %v; want error %v", EnvDepth, v, err, wantErr)
		}
	}
}
