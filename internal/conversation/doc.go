// Package conversation holds the rules that keep the provider's promise
// about conversations and their messages, once, for every resource and
// action that sends them: planning a transcript against what was sent,
// the replacement decision and its warning, the status rule, the check of
// a create answer, sending messages in order, the advice after a failure,
// and the import-id grammar with its one writer of import commands.
//
// Its values are plain Go values (see Value): the Terraform adapters in
// internal/provider translate their plans and states into them and back,
// and decide nothing themselves. It imports no Terraform plugin library.
package conversation
