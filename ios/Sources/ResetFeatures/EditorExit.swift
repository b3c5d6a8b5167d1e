import Foundation

/// Leaving an editor without saving (issue 19, F10): it closes at once when nothing was typed,
/// and otherwise asks "Discard this entry?" first — a long, personal entry is never lost to a
/// stray swipe or Back. The view disables the sheet's swipe-to-dismiss while the editor has
/// changes, offers Cancel, and closes when `shouldClose` turns true.
public struct EditorExit: Equatable, Sendable {
    /// Bound to the "Discard?" dialog's `isPresented`. SwiftUI sets it to `false` when the
    /// dialog closes — before it runs the chosen button's action — so closing decides nothing:
    /// only `discard()` and `keepEditing()` (the dialog's buttons) do.
    public var isAskingToDiscard = false
    /// The editor may close: there was nothing to lose, or the person chose to discard.
    public private(set) var shouldClose = false

    public init() {}

    /// "Cancel": closes when there is nothing to lose, else asks.
    public mutating func cancel(hasChanges: Bool) {
        if hasChanges {
            isAskingToDiscard = true
        } else {
            shouldClose = true
        }
    }

    /// "Discard" on the question: the changes are dropped and the editor closes.
    public mutating func discard() {
        isAskingToDiscard = false
        shouldClose = true
    }

    /// "Keep editing": back to the editor, nothing lost.
    public mutating func keepEditing() { isAskingToDiscard = false }
}
