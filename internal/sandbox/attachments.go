package sandbox

import (
	"bytes"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"
)

// detectContentType decides an upload's media type: the part's declared
// type unless it is missing or generic, else the file extension's, else
// the sniffed content's.
func detectContentType(name, declared string, data []byte) string {
	if declared != "" && declared != "application/octet-stream" {
		return declared
	}
	if byExt := mime.TypeByExtension(path.Ext(name)); byExt != "" {
		return byExt
	}
	return http.DetectContentType(data)
}

// fileType maps a media type to LiveDesk's attachment file_type.
func fileType(contentType string) string {
	switch major, _, _ := strings.Cut(contentType, "/"); major {
	case "image", "audio", "video":
		return major
	}
	return "file"
}

// blobURL is where an attachment is served, shaped like a Rails Active
// Storage redirect URL: kind is "blobs" or "representations".
func blobURL(baseURL, kind, token, name string) string {
	return baseURL + "/rails/active_storage/" + kind + "/redirect/" + token + "/" + url.PathEscape(name)
}

// thumbURL is an image's thumbnail URL (the image itself), "" otherwise.
func thumbURL(baseURL, token string, a Attachment) string {
	if a.FileType != "image" {
		return ""
	}
	return blobURL(baseURL, "representations", token, a.FileName)
}

// serveBlob answers GET on a data_url or thumb_url. Like a signed URL it
// needs no credentials.
func (s *Server) serveBlob(r *http.Request) (any, *apiError) {
	s.mu.Lock()
	b, ok := s.data.blobs[r.PathValue("token")]
	s.mu.Unlock()
	if !ok || b.name != r.PathValue("name") {
		return nil, notFound()
	}
	return b, nil
}

// ServeHTTP writes the file (ranges and HEAD included). The file is
// whatever a client uploaded: served from the inbox view's origin, it must
// not run as a page there, so its type is not sniffed and a document it
// holds gets a sandbox with no scripts.
func (b blob) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", b.contentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "sandbox")
	http.ServeContent(w, r, b.name, time.Time{}, bytes.NewReader(b.data))
}
