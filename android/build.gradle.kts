// Versions (android/README.md, "Build versions"): AGP 8.11.1 supports compileSdk 36 and needs
// Gradle 8.13 (gradle/wrapper); activity 1.11.0 and core 1.17.0 require compileSdk 36.
plugins {
    id("com.android.library") version "8.11.1" apply false
    id("com.android.application") version "8.11.1" apply false
    id("org.jetbrains.kotlin.android") version "2.2.21" apply false
    id("org.jetbrains.kotlin.plugin.compose") version "2.2.21" apply false
}
