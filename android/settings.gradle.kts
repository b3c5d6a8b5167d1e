// Reset Companion for Android: `core` wraps the Rust library (uniffi Kotlin + JNA + the
// native .so per ABI); `app` is the Compose UI. Needs the Android SDK + NDK (not on the Linux
// CI machine: the same Kotlin sources are compiled and tested on the JVM by tests/kotlin).
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}
dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}
rootProject.name = "ResetCompanion"
include(":core")
include(":reminders")
include(":presentation", ":app")
