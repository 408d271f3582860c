package quota

import (
	"net/http"
	"strconv"
)

// Middleware rejects requests over the limit with 429 and a Retry-After.
func Middleware(l *Limiter, key func(*http.Request) string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			res := l.Take(key(r))
			if !res.OK {
				w.Header().Set("Retry-After", strconv.Itoa(int(res.RetryIn.Seconds())+1))
				http.Error(w, "rate limited", http.StatusTooManyRequests)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
