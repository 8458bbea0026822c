package ui

// tmpLoad stands in for app/article.Load until it lands. TEMPORARY.
func tmpLoad(name string, data []byte) (string, string, error) { return "", string(data), nil }
