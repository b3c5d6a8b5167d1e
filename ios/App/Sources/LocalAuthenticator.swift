import LocalAuthentication
import ResetFeatures

/// The Apple half of `DeviceAuthenticating`: LocalAuthentication with
/// `.deviceOwnerAuthentication` — Face ID or Touch ID with the device passcode as fallback, or
/// the passcode alone. Decisions (when to ask, what failures mean) are `AppLockModel`'s and the
/// error-code mapping is `AuthenticationOutcome(localAuthenticationErrorCode:)`, tested on Linux.
/// Needs `NSFaceIDUsageDescription` in Info.plist (project.yml).
@MainActor
final class LocalAuthenticator: DeviceAuthenticating {
    func availability() -> AuthenticationAvailability {
        let context = LAContext()
        var error: NSError?
        if context.canEvaluatePolicy(.deviceOwnerAuthentication, error: &error) { return .available }
        return AuthenticationAvailability(localAuthenticationErrorCode: error?.code ?? LocalAuthenticationCode.invalidContext)
    }

    func authenticate(reason: String) async -> AuthenticationOutcome {
        let context = LAContext()
        do {
            return try await context.evaluatePolicy(.deviceOwnerAuthentication, localizedReason: reason) ? .success : .failed
        } catch {
            return AuthenticationOutcome(localAuthenticationErrorCode: (error as NSError).code)
        }
    }
}
