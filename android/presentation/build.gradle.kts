// `presentation`: one ViewModel per screen, each exposing an immutable UiState as a StateFlow.
// Plain Kotlin over :core (no android.* imports), so the same sources compile and run on the
// JVM in tests/kotlin (androidx lifecycle publishes a desktop ViewModel) and in the Compose
// desktop screenshot harness. Nothing here scores, plans or progresses: the core does.
import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "app.resetcompanion.presentation"
    compileSdk = 36
    defaultConfig { minSdk = 26 }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
}

dependencies {
    api(project(":core"))
    api("androidx.lifecycle:lifecycle-viewmodel-ktx:2.9.4")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-android:1.10.2")
}

// Kotlin 2.2: the kotlinOptions DSL is an error; compilerOptions replaces it.
kotlin { compilerOptions { jvmTarget.set(JvmTarget.JVM_17) } }
