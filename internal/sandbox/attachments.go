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

// serveBlob answers GET and HEAD on a data_url or thumb_url. Like a signed
// URL it needs no credentials.
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
// whatever a client uploaded, served from the inbox view's origin, whose
// pages may run the view's script: it must never run as a page there. So
// its type is not sniffed, a document it holds gets a sandbox with no
// scripts and an opaque origin, and any type a browser could run script
// in (HTML, SVG, XML, anything but the types shown inline) is a download,
// much as Rails's Active Storage, whose URLs data_url follows, serves them.
func (b blob) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", b.contentType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox")
	if !shownInline(b.contentType) {
		disposition := mime.FormatMediaType("attachment", map[string]string{"filename": b.name})
		if disposition == "" {
			disposition = "attachment"
		}
		h.Set("Content-Disposition", disposition)
	}
	http.ServeContent(w, r, b.name, time.Time{}, bytes.NewReader(b.data))
}

// shownInline reports whether a browser may show a file of this media type
// in place: images it draws (not SVG, a document that can hold script),
// audio, video, plain text and PDF. Every other type is served as a
// download.
func shownInline(contentType string) bool {
	mediaType, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	switch major, _, _ := strings.Cut(mediaType, "/"); {
	case mediaType == "image/svg+xml":
		return false
	case major == "image", major == "audio", major == "video":
		return true
	}
	return mediaType == "text/plain" || mediaType == "application/pdf"
}
