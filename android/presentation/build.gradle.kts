// `presentation`: one ViewModel per screen, each exposing an immutable UiState as a StateFlow.
// Plain Kotlin over :core (no android.* imports), so the same sources compile and run on the
// JVM in tests/kotlin (androidx lifecycle publishes a desktop ViewModel) and in the Compose
// desktop screenshot harness. Nothing here scores, plans or progresses: the core does.
plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "app.resetcompanion.presentation"
    compileSdk = 35
    defaultConfig { minSdk = 26 }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    kotlinOptions { jvmTarget = "17" }
}

dependencies {
    api(project(":core"))
    api("androidx.lifecycle:lifecycle-viewmodel-ktx:2.9.4")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-android:1.10.2")
}
