// Package extract turns the text of Japanese government meeting minutes
// (議事概要, 議事録) into a typed document model: the meeting, its
// attendees, the agenda, every speech turn with its speaker resolved to an
// attendee, the decisions, and the concepts each speaker raised.
//
// Every piece of text in the model keeps its byte offsets into the decoded
// source text (Document.Text), so any statement can be shown in context.
// Width and variant folding is applied only for matching; the source text
// is never rewritten.
//
// extract knows nothing of storage or HTTP: it never imports graph or
// server.
package extract
